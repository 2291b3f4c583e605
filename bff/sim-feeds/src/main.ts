import { serviceMain } from '@zhanye/kit';
import { startFeedsService } from './app.ts';

serviceMain('feeds', startFeedsService);
