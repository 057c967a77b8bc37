// PLACEHOLDER (issue 11): the provider report's sections and columns; replaced by its helper. Pure TypeScript.
export {};
