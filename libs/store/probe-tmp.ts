import { MongoClient } from 'mongodb';
const client = await new MongoClient('mongodb://127.0.0.1:27017/').connect();
const r = await Promise.race([client.db('admin').admin().listDatabases({ nameOnly: true }).then((x) => x.databases.length), new Promise((res) => setTimeout(() => res('timeout'), 10_000))]);
console.log('listDatabases', r);
process.exit(0);
