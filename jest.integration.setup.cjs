// Every test file of the integration suite runs on the real infrastructure.
process.env.BATON_TEST_RUNTIME = 'real';
process.env.KAFKA_BROKERS = process.env.KAFKA_BROKERS || '127.0.0.1:9092';
process.env.MONGODB_URI = process.env.MONGODB_URI || 'mongodb://127.0.0.1:27017/';
