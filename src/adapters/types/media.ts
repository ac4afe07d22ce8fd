import type { ContentPart } from "../../lm/message.js";
import { CustomType } from "./custom-type.js";

/**
 * Audio input (`dspy.Audio`): base64 data and its format, sent as an `input_audio` content part.
 *
 * @example
 * const clip = new Audio("UklGR…", "wav");
 */
export class Audio extends CustomType {
  readonly typeName = "Audio";
  constructor(
    readonly data: string,
    readonly audioFormat: string,
  ) {
    super();
  }

  format(): ContentPart[] {
    return [{ type: "input_audio", input_audio: { data: this.data, format: this.audioFormat } }];
  }
}

/**
 * A file input (`dspy.File`): inline data (a data URI), a provider file id, and/or a filename, sent as a
 * `file` content part.
 *
 * @example
 * const notes = File.fromFileId("file-123", "notes.txt");
 */
export class File extends CustomType {
  readonly typeName = "File";
  constructor(readonly spec: { fileData?: string; fileId?: string; filename?: string }) {
    super();
  }

  static fromFileId(fileId: string, filename?: string): File {
    return new File({ fileId, ...(filename !== undefined ? { filename } : {}) });
  }

  format(): ContentPart[] {
    const file: { file_data?: string; file_id?: string; filename?: string } = {};
    if (this.spec.fileData) file.file_data = this.spec.fileData;
    if (this.spec.fileId) file.file_id = this.spec.fileId;
    if (this.spec.filename) file.filename = this.spec.filename;
    return [{ type: "file", file }];
  }
}

/** A citable document block as DSPy sends it (Anthropic's citations API through litellm). */
export type DocumentPart = {
  type: "document";
  source: { type: "text"; media_type: string; data: string };
  citations: { enabled: boolean };
  title?: string;
  context?: string;
};

/**
 * A citable text document (`dspy.experimental.Document`), sent as a `document` content part.
 *
 * @example
 * const doc = new Document({ data: "Water boils at 100°C.", title: "Physics" });
 */
export class Document extends CustomType {
  readonly typeName = "Document";
  constructor(readonly spec: { data: string; title?: string; mediaType?: string; context?: string }) {
    super();
  }

  static description(): string {
    return "A document containing text content that can be referenced and cited. Include the full text content and optionally a title for proper referencing.";
  }

  format(): DocumentPart[] {
    const block: DocumentPart = {
      type: "document",
      source: { type: "text", media_type: this.spec.mediaType ?? "text/plain", data: this.spec.data },
      citations: { enabled: true },
    };
    if (this.spec.title) block.title = this.spec.title;
    if (this.spec.context) block.context = this.spec.context;
    return [block];
  }
}
