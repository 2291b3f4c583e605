import { serviceMain } from '@zhanye/kit';
import { startRiskService } from './app.ts';

serviceMain('risk', startRiskService);
