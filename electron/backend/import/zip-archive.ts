// A small, defensive ZIP reader for spreadsheet imports: reads the central directory, refuses an
// archive whose declared sizes, entry count or compression ratio are too large BEFORE anything is
// inflated, and inflates one entry as a stream that stops once it outgrows what it declared. Node only.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** Limits for one archive; sizes in bytes (uncompressed unless said otherwise). */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio, checked for entries over 1 MB (a real sheet stays far below it). */
  maxRatio: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why the archive cannot be read; the caller puts the file name in front. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const RATIO_FROM_BYTES = 1024 * 1024;
const CHUNK = 64 * 1024;

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  /** Bytes inflated so far over all entries opened: the declared total may lie, this count does not. */
  private inflated = 0;

  private constructor(
    private readonly bytes: Buffer,
    private readonly limits: ZipLimits,
  ) {}

  /** Reads and checks the central directory; throws ZipError with a Dutch reason. Inflates nothing. */
  static open(bytes: Buffer, limits: ZipLimits): ZipArchive {
    const zip = new ZipArchive(bytes, limits);
    zip.readDirectory();
    return zip;
  }

  private readDirectory(): void {
    const b = this.bytes;
    const { maxEntries, maxEntryBytes, maxTotalBytes, maxRatio } = this.limits;
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('het is geen volledig ZIP-archief (de inhoudsopgave ontbreekt; is het bestand afgebroken?)');
    const disk = b.readUInt16LE(eocd + 4);
    const cdDisk = b.readUInt16LE(eocd + 6);
    const onDisk = b.readUInt16LE(eocd + 8);
    const count = b.readUInt16LE(eocd + 10);
    const cdSize = b.readUInt32LE(eocd + 12);
    const cdOffset = b.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw new ZipError('het is een ZIP64-archief; zo groot kan een importbestand niet zijn');
    }
    if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw new ZipError('het is een archief in meerdere delen');
    if (count > maxEntries) throw new ZipError(`het archief bevat ${count} onderdelen (hoogstens ${maxEntries})`);
    if (cdOffset + cdSize > eocd) throw new ZipError('de inhoudsopgave van het archief klopt niet');

    let pos = cdOffset;
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (pos + 46 > eocd || b.readUInt32LE(pos) !== CDH_SIG) throw new ZipError('de inhoudsopgave van het archief klopt niet');
      const flags = b.readUInt16LE(pos + 8);
      const method = b.readUInt16LE(pos + 10);
      const compressedSize = b.readUInt32LE(pos + 20);
      const uncompressedSize = b.readUInt32LE(pos + 24);
      const nameLen = b.readUInt16LE(pos + 28);
      const extraLen = b.readUInt16LE(pos + 30);
      const commentLen = b.readUInt16LE(pos + 32);
      const localHeaderOffset = b.readUInt32LE(pos + 42);
      const nameEnd = pos + 46 + nameLen;
      if (nameEnd > eocd) throw new ZipError('de inhoudsopgave van het archief klopt niet');
      const name = b.toString(flags & 0x800 ? 'utf8' : 'latin1', pos + 46, nameEnd);
      const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
        throw new ZipError(`onderdeel '${shown}' is een ZIP64-onderdeel; zo groot kan een importbestand niet zijn`);
      }
      if (uncompressedSize > maxEntryBytes) {
        throw new ZipError(`onderdeel '${shown}' pakt uit tot ${mb(uncompressedSize)} (hoogstens ${mb(maxEntryBytes)})`);
      }
      total += uncompressedSize;
      if (total > maxTotalBytes) throw new ZipError(`het archief pakt uit tot meer dan ${mb(maxTotalBytes)}`);
      if (uncompressedSize > RATIO_FROM_BYTES && uncompressedSize > compressedSize * maxRatio) {
        const ratio = compressedSize === 0 ? '∞' : String(Math.round(uncompressedSize / compressedSize));
        throw new ZipError(`onderdeel '${shown}' is ${ratio} keer samengeperst (hoogstens ${maxRatio}); dat doet een gewoon spreadsheet niet`);
      }
      this.entries.set(name, { name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
      pos = nameEnd + extraLen + commentLen;
    }
  }

  /**
   * The entry's bytes as a stream of chunks. Stops with a ZipError as soon as the inflated bytes exceed
   * the declared size or the archive's total limit (a lying header), or the data is damaged.
   */
  openEntry(entry: ZipEntry): Readable {
    const b = this.bytes;
    const shown = entry.name.length > 80 ? `${entry.name.slice(0, 80)}…` : entry.name;
    const at = entry.localHeaderOffset;
    if (at + 30 > b.length || b.readUInt32LE(at) !== LFH_SIG) throw new ZipError(`onderdeel '${shown}' is niet te vinden in het archief`);
    if (entry.flags & 0x1) throw new ZipError(`onderdeel '${shown}' is versleuteld`);
    const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > b.length) throw new ZipError(`onderdeel '${shown}' is afgebroken`);
    const data = b.subarray(start, end);
    const chunks = function* (buf: Buffer) {
      for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, Math.min(buf.length, i + CHUNK));
    };
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw new ZipError(`onderdeel '${shown}' heeft tegenstrijdige groottes`);
      this.count(entry.uncompressedSize);
      return Readable.from(chunks(data), { objectMode: false });
    }
    if (entry.method !== 8) throw new ZipError(`onderdeel '${shown}' gebruikt een onbekende compressiemethode (${entry.method})`);
    const self = this;
    async function* inflate(): AsyncGenerator<Buffer> {
      const inflater = createInflateRaw({ chunkSize: CHUNK });
      Readable.from(chunks(data), { objectMode: false }).pipe(inflater);
      let got = 0;
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) {
          got += chunk.length;
          if (got > entry.uncompressedSize) {
            throw new ZipError(`onderdeel '${shown}' pakt groter uit dan de ${entry.uncompressedSize} bytes die het archief opgeeft`);
          }
          self.count(chunk.length);
          yield chunk;
        }
      } catch (e) {
        if (e instanceof ZipError) throw e;
        throw new ZipError(`onderdeel '${shown}' is beschadigd (${(e as Error).message.slice(0, 120)})`);
      } finally {
        inflater.destroy();
      }
      if (got !== entry.uncompressedSize) throw new ZipError(`onderdeel '${shown}' is beschadigd (${got} bytes in plaats van ${entry.uncompressedSize})`);
    }
    return Readable.from(inflate(), { objectMode: false });
  }

  private count(n: number): void {
    this.inflated += n;
    if (this.inflated > this.limits.maxTotalBytes) throw new ZipError(`het archief pakt uit tot meer dan ${mb(this.limits.maxTotalBytes)}`);
  }
}
