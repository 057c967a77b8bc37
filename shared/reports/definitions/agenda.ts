// PLACEHOLDER (issue 11): the agenda report's sections and columns; replaced by its helper. Pure TypeScript.
export {};
