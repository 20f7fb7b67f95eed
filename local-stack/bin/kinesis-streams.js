#!/usr/bin/env node
// Creates, lists and deletes streams on the local stack's kinesis-mock, for local-stack/bin/local-stack (which
// passes the endpoint): Node.js is already needed for the servers, so this needs neither the AWS CLI nor curl.
//
//   node kinesis-streams.js <endpoint> <region> <access-key> create <name> <shards>
//   node kinesis-streams.js <endpoint> <region> <access-key> list
//   node kinesis-streams.js <endpoint> <region> <access-key> delete <name>
'use strict';

const WAIT_MILLIS = 30_000;
const POLL_MILLIS = 100;
// Kinesis's own rule for stream names.
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

const [endpoint, region, accessKey, command, ...args] = process.argv.slice(2);

class KinesisError extends Error {
  constructor(type, message) {
    super(`${type}: ${message}`);
    this.type = type;
  }
}

// One call of the Kinesis JSON protocol. kinesis-mock reads the region and account from the credential scope of
// the Authorization header but does not check the signature.
async function call(operation, body) {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  let response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `Kinesis_20131202.${operation}`,
        'X-Amz-Date': date,
        Authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/${date.slice(0, 8)}/${region}/kinesis/aws4_request, `
          + 'SignedHeaders=host;x-amz-date, Signature=local',
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    fail(`Cannot reach kinesis-mock at ${endpoint} (${e.cause ? e.cause.code || e.cause.message : e.message}). `
      + 'Is the local stack running? Start it with: local-stack/bin/local-stack start');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new KinesisError(json.__type || `HTTP ${response.status}`, json.message || text);
  }
  return json;
}

async function summary(name) {
  try {
    return (await call('DescribeStreamSummary', { StreamName: name })).StreamDescriptionSummary;
  } catch (e) {
    if (e.type === 'ResourceNotFoundException') {
      return null;
    }
    throw e;
  }
}

async function waitFor(description, condition) {
  const deadline = Date.now() + WAIT_MILLIS;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      fail(`${description} did not happen within ${WAIT_MILLIS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
  }
}

async function create(name, shardsText) {
  checkName(name);
  const shards = Number(shardsText);
  if (!Number.isInteger(shards) || shards < 1) {
    fail(`The shard count must be a whole number of at least 1, not '${shardsText}'`);
  }
  if (await summary(name)) {
    fail(`Stream '${name}' already exists at ${endpoint}; delete it first with: `
      + `local-stack/bin/local-stack delete-stream ${name}`);
  }
  await call('CreateStream', { StreamName: name, ShardCount: shards });
  await waitFor(`Stream '${name}' becoming ACTIVE`,
    async () => (await summary(name))?.StreamStatus === 'ACTIVE');
  console.log(`Created stream '${name}' with ${shards} shard${shards === 1 ? '' : 's'} at ${endpoint} (ACTIVE)`);
}

async function list() {
  const names = [];
  let page = { HasMoreStreams: true };
  while (page.HasMoreStreams) {
    const request = names.length ? { ExclusiveStartStreamName: names[names.length - 1] } : {};
    page = await call('ListStreams', request);
    names.push(...page.StreamNames);
  }
  if (names.length === 0) {
    console.log(`No streams at ${endpoint}`);
  }
  for (const name of names) {
    const description = await summary(name);
    if (description) {
      console.log(`${name}\t${description.StreamStatus}\t${description.OpenShardCount} open shards`);
    }
  }
}

async function remove(name) {
  checkName(name);
  // Checked first: kinesis-mock accepts deleting a stream that does not exist and then deletes the next stream
  // created under that name.
  if (!(await summary(name))) {
    fail(`There is no stream '${name}' at ${endpoint}`);
  }
  await call('DeleteStream', { StreamName: name, EnforceConsumerDeletion: true });
  await waitFor(`Stream '${name}' disappearing`, async () => (await summary(name)) === null);
  console.log(`Deleted stream '${name}' at ${endpoint}`);
}

function checkName(name) {
  if (!STREAM_NAME.test(name || '')) {
    fail(`'${name}' is not a valid stream name: use 1 to 128 letters, digits, '_', '.' and '-'`);
  }
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

const commands = { create, list, delete: remove };
if (!commands[command]) {
  fail('Usage: kinesis-streams.js <endpoint> <region> <access-key> create <name> <shards> | list | delete <name>');
}
commands[command](...args).catch((e) => fail(e.message));
