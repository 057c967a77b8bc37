// PLACEHOLDER (issue 11): the minutes report's sections and columns; replaced by its helper. Pure TypeScript.
export {};
