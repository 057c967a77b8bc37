// PLACEHOLDER (issue 11): the monitor report's sections and columns; replaced by its helper. Pure TypeScript.
export {};
