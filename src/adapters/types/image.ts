import { ValueError } from "../../errors/value-error.js";
import type { ContentPart } from "../../lm/message.js";
import { CustomType } from "./custom-type.js";

function isRemoteUrl(text: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(text);
  return m !== null && ["http", "https", "gs"].includes((m[1] as string).toLowerCase()) && (m[2] as string) !== "";
}

/** DSPy's `encode_image` for the sources tsdspy accepts: a data URI or an http(s)/gs URL (kept as given). */
export function encodeImageSource(source: string): string {
  if (source.startsWith("data:") || isRemoteUrl(source)) return source;
  throw new ValueError(`Unrecognized image string: ${source}. For a local file, read its bytes and use \`Image.fromBytes(bytes, "image/png")\`.`);
}

/**
 * An image input (`dspy.Image`): sent to the LM as an `image_url` content part.
 *
 * @example
 * const image = new Image("https://example.com/cat.jpg");
 * const fromBytes = Image.fromBytes(pngBytes, "image/png");
 */
export class Image extends CustomType {
  readonly typeName = "Image";
  readonly url: string;

  constructor(source: string | { url: string }) {
    super();
    const raw = typeof source === "string" ? source : source.url;
    this.url = encodeImageSource(raw.trim());
  }

  /** An image from raw bytes, as a base64 data URI. */
  static fromBytes(bytes: Uint8Array, mimeType: string): Image {
    return new Image(`data:${mimeType};base64,${Buffer.from(bytes).toString("base64")}`);
  }

  format(): ContentPart[] {
    return [{ type: "image_url", image_url: { url: this.url } }];
  }

  override toString(): string {
    return this.toPyStr();
  }

  /** Python's `repr(dspy.Image)`. */
  toPyRepr(): string {
    if (this.url.includes("base64")) {
      const length = (this.url.split("base64,")[1] ?? "").length;
      const kind = (this.url.split(";")[0] ?? "").split("/").pop();
      return `Image(url=data:image/${kind};base64,<IMAGE_BASE_64_ENCODED(${length})>)`;
    }
    return `Image(url='${this.url}')`;
  }
}
