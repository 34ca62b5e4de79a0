// The web console, built in memory and served by the socket gateway at `/`.
export {
  buildConsoleAssets,
  type BuildConsoleOptions,
  type ConsoleAsset,
  type ConsoleAssets,
} from './build/build-console';
