// The `hopso` command line: one entry per subcommand, so later ones (`hopso audit verify`, …) sit beside
// `verify`. Each command returns its exit code; usage errors exit 2.
import { verifyCommand } from './verify.ts';
import { auditCommand } from './audit.ts';

export interface Command {
  /** One line for `hopso --help`. */
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Where output goes (tests capture it). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const commands: Record<string, Command> = {
  verify: verifyCommand,
  audit: auditCommand,
};

const processIo: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

function help(io: CliIo): void {
  io.out('usage: hopso <command> [options]\n\ncommands:');
  for (const [name, c] of Object.entries(commands)) io.out(`  ${name.padEnd(10)} ${c.summary}\n             ${c.usage}`);
}

export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { help(io); return name ? 0 : 2; }
  const command = commands[name];
  if (!command) { io.err(`hopso: unknown command "${name}"`); help(io); return 2; }
  if (rest.includes('--help') || rest.includes('-h')) { io.out(`usage: ${command.usage}`); return 0; }
  return command.run(rest, io);
}
