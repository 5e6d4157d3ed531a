/**
 * Entry of the headless commands (`npm run eval`, `npm run bench`), bundled by
 * `vite build --ssr` so that Node runs TypeScript that shares the studio's own modules.
 * The first word picks the command; usage mistakes exit with 2, failed runs with 1.
 */
import { runBench } from './bench';
import { BENCH_USAGE } from './lib/bench-options';
import { EVAL_USAGE } from './lib/eval-options';
import { UsageError } from './lib/options';
import { runEval } from './eval';

const COMMANDS = {
  eval: { run: runEval, usage: EVAL_USAGE },
  bench: { run: runBench, usage: BENCH_USAGE },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS[name as keyof typeof COMMANDS] as
    | (typeof COMMANDS)[keyof typeof COMMANDS]
    | undefined;
  if (!command) {
    console.error(`unknown command "${name ?? ''}": use eval or bench`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
