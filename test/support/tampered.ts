/**
 * The token with one character in its middle replaced by a different one. Replacing the last character with a fixed
 * letter is not a forgery when the token already ends with that letter (1 in 64 for base64url).
 */
export function tampered(token: string): string {
  const at = Math.floor(token.length / 2);
  const swapped = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${swapped}${token.slice(at + 1)}`;
}
