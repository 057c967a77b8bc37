// PLACEHOLDER (issue 11): the corporation report's sections and columns; replaced by its helper. Pure TypeScript.
export {};
