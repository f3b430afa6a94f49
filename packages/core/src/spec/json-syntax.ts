/**
 * Finds where JSON text first goes wrong. Node 20's JSON.parse gives no position for many
 * errors ("Unexpected token '}', ... is not valid JSON"), so on failure this walks the
 * text again by the RFC 8259 grammar. Only run after `scanJsonText` has bounded the depth.
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(i, message);
  };
  const found = (): string => (i >= text.length ? "the end of the text" : JSON.stringify(text[i]));
  const skipWhitespace = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i += 1;
  };
  const expectWord = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`expected a value, found ${found()}`);
  };
  const readString = () => {
    i += 1;
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const ch = text.charCodeAt(i);
      if (ch === 0x22) break;
      if (ch < 0x20) fail("control character in a string (escape it)");
      if (ch === 0x5c) {
        const escape = text[i + 1];
        if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 2;
        else fail("invalid escape in a string");
      } else i += 1;
    }
    i += 1;
  };
  const readNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === "" || match[0] === "-") fail(`expected a value, found ${found()}`);
    i += match![0].length;
  };
  const readValue = (depth: number): void => {
    if (depth > 1000) fail("nested too deeply");
    skipWhitespace();
    const ch = text[i];
    if (ch === "{" || ch === "[") {
      const close = ch === "{" ? "}" : "]";
      i += 1;
      skipWhitespace();
      if (text[i] === close) {
        i += 1;
        return;
      }
      for (;;) {
        if (close === "}") {
          skipWhitespace();
          if (text[i] !== '"') fail(`expected a quoted property name, found ${found()}`);
          readString();
          skipWhitespace();
          if (text[i] !== ":") fail(`expected ":", found ${found()}`);
          i += 1;
        }
        readValue(depth + 1);
        skipWhitespace();
        if (text[i] === ",") i += 1;
        else if (text[i] === close) break;
        else fail(`expected "," or "${close}", found ${found()}`);
      }
      i += 1;
    } else if (ch === '"') readString();
    else if (ch === "t") expectWord("true");
    else if (ch === "f") expectWord("false");
    else if (ch === "n") expectWord("null");
    else readNumber();
  };
  try {
    readValue(0);
    skipWhitespace();
    if (i < text.length) fail(`unexpected ${found()} after the document`);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}
