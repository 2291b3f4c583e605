import { BaseConfig } from '@zhanye/kit';

/** Marketing needs only the settings every service shares (see bff/kit/README.md). */
export const MarketingConfig = BaseConfig;
export type MarketingConfig = BaseConfig;
