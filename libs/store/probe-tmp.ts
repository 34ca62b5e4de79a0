import { MongoClient } from 'mongodb';
const client = await new MongoClient('mongodb://127.0.0.1:27017/').connect();
const dbName = 'probe-s-' + Date.now();
const c = client.db(dbName).collection<{ _id: string; revision: number; pad: string }>('t');
let next = 0;
for (const size of [100, 1000, 3000]) {
  const docs = []; while (next < size) docs.push({ _id: String(next++), revision: 1, pad: 'x'.repeat(2000) });
  if (docs.length) await c.insertMany(docs);
  const keys = Array.from({ length: 100 }, (_u, i) => String(i));
  let t = performance.now();
  await c.bulkWrite(keys.map((k) => ({ updateOne: { filter: { _id: k }, update: { $set: { revision: 2 } } } })), { ordered: false });
  const upd = performance.now() - t;
  t = performance.now();
  await c.find({ _id: { $in: keys } }).toArray();
  const fin = performance.now() - t;
  t = performance.now();
  const ex = await c.find({ _id: '5' }).explain();
  console.log(size, 'docs: 100 updates', upd.toFixed(0), 'ms; find $in', fin.toFixed(0), 'ms', JSON.stringify(ex['queryPlanner']), ex['filterPushdown']);
}
await client.db(dbName).dropDatabase(); await client.close();
