# Minimal independent writers (Python zlib/struct) for fixtures ImageMagick cannot produce exactly:
# explicit PNG filter types per row, 1/2/4-bit palettes, tRNS alpha and colour keys, and a gray-palette BMP.
import struct, zlib
from pattern import W, H, rgba, low, pal, gray, PAL

def chunk(t, data):
    return struct.pack('>I', len(data)) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)

def pack(samples, depth):
    if depth == 8: return bytes(samples)
    if depth == 16: return b''.join(struct.pack('>H', s) for s in samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s; n += depth
        if n == 8: out.append(acc); acc, n = 0, 0
    if n: out.append(acc << (8 - n))
    return bytes(out)

def paeth(a, b, c):
    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)

def filt(f, row, prior, bpp):
    out = bytearray()
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0; b = prior[i]; c = prior[i - bpp] if i >= bpp else 0
        out.append((x - (0, a, b, (a + b) // 2, paeth(a, b, c))[f]) & 255)
    return bytes(out)

def write(name, ct, depth, rows, filters, plte=None, trns=None):
    spp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct]
    bpp = max(1, spp * depth // 8)
    raw, prior = bytearray(), None
    for y, samples in enumerate(rows):
        line = pack(samples, depth)
        prior = prior or bytes(len(line))
        f = filters[y % len(filters)]
        raw += bytes([f]) + filt(f, line, prior, bpp); prior = line
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, depth, ct, 0, 0, 0))
    if plte: data += chunk(b'PLTE', plte)
    if trns: data += chunk(b'tRNS', trns)
    data += chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + chunk(b'IEND', b'')
    open(name, 'wb').write(data)

rgb_rows = [[v for x in range(W) for v in rgba(x, y)[:3]] for y in range(H)]
for f in range(5): write(f'png-rgb8-filter{f}.png', 2, 8, rgb_rows, [f])
write('png-rgb16-filters.png', 2, 16, [[v * 257 for v in r] for r in rgb_rows], [0, 1, 2, 3, 4])
write('png-gray2-filters.png', 0, 2, [[low(x, y, 2) // 85 for x in range(W)] for y in range(H)], [4, 3, 2, 1, 0])
plte = lambda n: b''.join(bytes(PAL[i]) for i in range(n))
for d in (1, 2, 4):
    n = 1 << d
    write(f'png-palette{d}.png', 3, d, [[(x + 2 * y) % n for x in range(W)] for y in range(H)], [0, 1, 2, 3, 4], plte(n))
# Colour keys: the pattern value at (3, 2) becomes transparent.
k = rgba(3, 2)
write('png-rgb8-trns.png', 2, 8, rgb_rows, [1], trns=struct.pack('>HHH', *k[:3]))
write('png-gray8-trns.png', 0, 8, [[gray(x, y) for x in range(W)] for y in range(H)], [2], trns=struct.pack('>H', gray(3, 2)))
write('png-gray16-trns.png', 0, 16, [[gray(x, y) * 257 for x in range(W)] for y in range(H)], [2], trns=struct.pack('>H', gray(3, 2) * 257))
from pattern import PALETTE_ALPHA
write('png-palette8-trns.png', 3, 8, [[(x + 2 * y) % 6 for x in range(W)] for y in range(H)], [0], plte(6), bytes(PALETTE_ALPHA))

# 8-bit BMP with a 256-entry gray palette (ImageMagick's palette BMP of a gray image is quantized, not exact).
stride = (W + 3) // 4 * 4
pixels = b''.join(bytes(gray(x, y) for x in range(W)) + bytes(stride - W) for y in reversed(range(H)))
palette = b''.join(bytes((i, i, i, 0)) for i in range(256))
offset = 14 + 40 + len(palette)
info = struct.pack('<IiiHHIIiiII', 40, W, H, 1, 8, 0, len(pixels), 2835, 2835, 256, 0)
open('bmp-gray8.bmp', 'wb').write(b'BM' + struct.pack('<IHHI', offset + len(pixels), 0, 0, offset) + info + palette + pixels)
