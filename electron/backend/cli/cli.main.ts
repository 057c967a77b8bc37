// Entry point of `npm run cli -- <command>`. Node only.
import { runCli } from './cli';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
