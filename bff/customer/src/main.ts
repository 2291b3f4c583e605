import { serviceMain } from '@zhanye/kit';
import { startCustomerService } from './app.ts';

serviceMain('customer', startCustomerService);
