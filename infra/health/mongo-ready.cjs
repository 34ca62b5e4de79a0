// Health probe for infra/up.sh: a `ping` command against MONGODB_URI with the mongodb driver.
// Exit 0 = healthy, 1 = not (yet) healthy, 3 = the mongodb driver is not installed (caller falls back).
let MongoClient;
try {
  ({ MongoClient } = require('mongodb'));
} catch {
  process.exit(3);
}

const client = new MongoClient(process.env.MONGODB_URI || 'mongodb://127.0.0.1:27017/', {
  serverSelectionTimeoutMS: 2000,
  connectTimeoutMS: 2000,
});

client
  .connect()
  .then(() => client.db('admin').command({ ping: 1 }))
  .then(
    () => client.close().then(() => process.exit(0)),
    () => process.exit(1),
  );
