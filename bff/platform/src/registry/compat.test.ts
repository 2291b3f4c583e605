import { describe, expect, it } from 'vitest';
import { incompatibilities, invalidRanges } from './compat.ts';

const shell = {
  version: '1.0.0',
  contractVersion: '1.0.0',
  provides: { react: '19.3.1', 'react-dom': '19.3.1', antd: '6.6.8' },
};
const app = (shared: Record<string, string>, contractVersion = '1.0.0') => ({
  app: 'mf-credit',
  version: '2.0.0',
  contractVersion,
  shared,
});

describe('compatibility gate', () => {
  it('accepts ranges the shell satisfies and a same-major contract', () => {
    expect(incompatibilities(app({ react: '^19.0.0', antd: '^6.6.8' }, '1.4.0'), shell)).toEqual([]);
  });

  it('says what to change when a singleton range is not satisfied', () => {
    expect(incompatibilities(app({ react: '^20.0.0' }), shell)).toEqual([
      'mf-credit 2.0.0 needs react ^20.0.0 but the shell provides 19.3.1: build against react ^19.3.1, ' +
        'or release a shell that provides react ^20.0.0',
    ]);
  });

  it('refuses a package the shell does not provide', () => {
    const [msg] = incompatibilities(app({ lodash: '^4.17.0' }), shell);
    expect(msg).toMatch(/needs lodash \^4\.17\.0 but the shell 1\.0\.0 does not provide it/);
  });

  it('refuses another major of the mount contract', () => {
    const [msg] = incompatibilities(app({}, '2.0.0'), shell);
    expect(msg).toMatch(/targets mount contract 2\.0\.0 but the shell 1\.0\.0 implements 1\.0\.0/);
    expect(msg).toMatch(/build against mount contract 1\.x, or release a shell that implements 2\.x/);
  });

  it('lists every problem, and refuses releases without metadata', () => {
    expect(incompatibilities(app({ react: '^18.0.0', zod: '^4.0.0' }, '0.9.0'), shell)).toHaveLength(3);
    expect(incompatibilities({ ...app({}), contractVersion: null }, shell)[0]).toMatch(
      /without build metadata/,
    );
  });

  it('finds ranges that are not semver ranges', () => {
    expect(invalidRanges({ react: '^19', antd: 'latest!' })).toEqual({
      'shared.antd': ['"latest!" is not a semver range'],
    });
  });
});
