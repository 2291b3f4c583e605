import { serviceMain } from '@zhanye/kit';
import { startBureauService } from './app.ts';

serviceMain('bureau', startBureauService);
