import { serviceMain } from '@zhanye/kit';
import { startMarketingService } from './app.ts';

serviceMain('marketing', startMarketingService);
