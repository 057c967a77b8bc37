// The one IPC channel between preload and main. Shared by both; no Node or DOM APIs.
export const API_CHANNEL = 'uitstroomtafel:invoke';
