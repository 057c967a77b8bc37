// A request body the HTTP layer leaves unparsed, for the gate to parse where the call runs: a large
// import's JSON is parsed in the server's job worker, not on the thread that answers requests. Node only.
export class UnparsedJson {
  constructor(readonly text: string) {}
}
