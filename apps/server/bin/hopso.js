#!/usr/bin/env node
// `npx hopso …` from the repository: npm links this file into node_modules/.bin. Node resolves the link to
// apps/server/bin, so the TypeScript below is outside node_modules, where type stripping is allowed.
import { run } from '../src/cli/main.ts';

process.exitCode = await run(process.argv.slice(2));
