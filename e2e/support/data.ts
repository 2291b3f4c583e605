export const PASSWORD = 'Zhanye@2026';

/**
 * A valid-looking, unique 18-character resident id (birth date 1985-2004) and an 11-digit phone.
 * The simulated credit bureau reads the id's second-to-last digit: 0 an overdue history, 9 the
 * blacklist; `bureau` picks (default a clean report).
 */
export function uniquePerson(prefix = '测试', bureau: 'clean' | 'overdue' | 'blacklisted' = 'clean') {
  const n = Date.now() % 1_000_000;
  const year = 1985 + (n % 20);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  const seq = String(n % 1000).padStart(3, '0');
  const marker = bureau === 'overdue' ? 0 : bureau === 'blacklisted' ? 9 : 1 + (n % 8);
  const idNumber = `330102${year}${month}${day}${seq.slice(0, 2)}${marker}${n % 10}`;
  const phone = `139${String(n).padStart(8, '0')}`;
  return { name: `${prefix}${seq}`, idNumber, phone };
}
