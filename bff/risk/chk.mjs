import fs from 'node:fs';
import { ZenEngine } from '@gorules/zen-engine';

const e = new ZenEngine();
const match = (exp, act) =>
  exp !== null && typeof exp === 'object' && !Array.isArray(exp)
    ? act !== null && typeof act === 'object' && Object.entries(exp).every(([k, v]) => match(v, act[k]))
    : JSON.stringify(exp) === JSON.stringify(act);
for (const f of fs.readdirSync('src/graphs').filter((f) => f.endsWith('.cases.json'))) {
  const name = f.replace('.v1.cases.json', '');
  const d = e.createDecision(JSON.parse(fs.readFileSync(`src/graphs/${name}.v1.json`, 'utf8')));
  d.validate();
  for (const c of JSON.parse(fs.readFileSync(`src/graphs/${f}`, 'utf8'))) {
    try {
      const r = await d.evaluate(c.input);
      const ok = match(c.expected, r.result);
      console.log(ok ? 'ok  ' : 'FAIL', name, c.name, ok ? '' : JSON.stringify(r.result));
    } catch (err) {
      console.log('ERR ', name, c.name, String(err).split('\n')[0]);
    }
  }
}
