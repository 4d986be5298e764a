# Deterministic source patterns for the image fixtures (mirrored by FixturePatterns.cs in the tests).
W, H = 13, 11
def rgba(x, y): return ((x*20 + y*3) % 256, (y*23 + x*5) % 256, (x*y*7 + 11) % 256, (255 - x*9 - y*4) % 256)
def gray(x, y): return (x*17 + y*11) % 256
def low(x, y, d): return ((x*3 + y*5) % (1 << d)) * (255 // ((1 << d) - 1))
PAL = [(i*37 % 256, i*91 % 256, i*53 % 256) for i in range(256)]
def pal(x, y, n): return PAL[(x + 2*y) % n]
PALETTE_ALPHA = (0, 128, 255, 60)  # tRNS entries for the first four of six palette colours
def w(name, fn):
    with open(name, 'wb') as f:
        for y in range(H):
            for x in range(W):
                f.write(bytes(fn(x, y)))
w('p.rgba', lambda x, y: rgba(x, y))
w('p.rgb', lambda x, y: rgba(x, y)[:3])
w('p.gray', lambda x, y: [gray(x, y)])
w('p.graya', lambda x, y: [gray(x, y)]*3 + [rgba(x, y)[3]])
for d in (1, 2, 4): w(f'p.low{d}', lambda x, y, d=d: [low(x, y, d)])
for n in (2, 4, 16, 40): w(f'p.pal{n}', lambda x, y, n=n: pal(x, y, n))
