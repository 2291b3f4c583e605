/**
 * The baseline for `pnpm bench:api`: the same customer-list query behind a bare Express route in
 * one process (no gateway, no NATS, no validation, no auth), on the same database.
 */
import express from 'express';
import { createPool } from 'mysql2/promise';

const db = process.env.BENCH_DB!;
const pool = createPool({ host: '127.0.0.1', user: 'root', database: db, connectionLimit: 10 });
const app = express();
app.get('/bare/customers', async (_req, res) => {
  const params = ['bank-a', 'u-am1'];
  const [rows] = await pool.query(
    'SELECT * FROM customer c WHERE c.bank_id = ? AND c.owner_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT 20',
    params,
  );
  const [count] = await pool.query(
    'SELECT COUNT(*) AS n FROM customer c WHERE c.bank_id = ? AND c.owner_id = ?',
    params,
  );
  res.json({ items: rows, total: (count as { n: number }[])[0]!.n, page: 1, pageSize: 20 });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare listening'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
