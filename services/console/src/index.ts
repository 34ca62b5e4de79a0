// The web console (issue 4 §3), built in memory and served by the socket gateway at `/`.
export {
  buildConsoleAssets,
  type BuildConsoleOptions,
  type ConsoleAsset,
  type ConsoleAssets,
} from './build/build-console';
