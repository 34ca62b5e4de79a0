// The browser app is type-checked with the DOM library, apart from the root program (whose Node
// code must not see DOM globals): this test is that check, so `npm test` fails on a type error.
import path from 'node:path';
import ts from 'typescript';

it('type-checks the console app against the DOM library', () => {
  const configPath = path.join(import.meta.dirname, 'app', 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  expect(read.error).toBeUndefined();
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath));
  expect(config.fileNames.map((file) => path.basename(file))).toEqual(
    expect.arrayContaining(['main.tsx', 'live-connection.tsx']),
  );
  const program = ts.createProgram(config.fileNames, config.options);
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) =>
    ts.formatDiagnostic(diagnostic, {
      getCanonicalFileName: (file) => file,
      getCurrentDirectory: () => process.cwd(),
      getNewLine: () => '\n',
    }),
  );
  expect(problems).toEqual([]);
}, 60_000);
