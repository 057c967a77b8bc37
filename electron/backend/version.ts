// The app's version, from package.json at build time (bundled into the main process). Node only.
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
