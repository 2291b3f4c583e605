import { NewPassword } from '@zhanye/contracts';
import type { Rule } from 'antd/es/form';

/** The server's password policy (contracts `NewPassword`), checked in the form before sending. */
export function passwordRule(message: string): Rule {
  return {
    validator: (_, value: unknown) =>
      NewPassword.safeParse(value ?? '').success ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}
