// Jest loads global hooks untransformed; ts-node compiles the TypeScript they call.
require('ts-node/register/transpile-only');
module.exports = require('./run-resources').setupRun;
