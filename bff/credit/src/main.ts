import { serviceMain } from '@zhanye/kit';
import { startCreditService } from './app.ts';

serviceMain('credit', startCreditService);
