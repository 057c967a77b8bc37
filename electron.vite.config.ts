// Build of the three Electron parts. Layout: electron/main, electron/preload, renderer/.
// The preload is sandboxed, so it is one self-contained CommonJS file.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The proposal worker is its own file: worker threads load it by path.
          'propose.worker': resolve(__dirname, 'electron/backend/engine/propose.worker.ts'),
          // The import's file reader: a worker with a capped heap, so a crafted spreadsheet cannot crash the app.
          'table.worker': resolve(__dirname, 'electron/backend/import/table.worker.ts'),
          // Documents (reports, review files, list exports) are written off the thread that answers requests.
          'document.worker': resolve(__dirname, 'electron/backend/workers/document.worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
