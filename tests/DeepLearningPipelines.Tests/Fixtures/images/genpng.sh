#!/bin/sh
# Regenerates the ImageMagick-made PNG/BMP fixtures (ImageMagick 6.9.11) from the raw p.* patterns that
# `python3 pattern.py` writes; `python3 writefixtures.py` then writes the rest. Delete the p.* files afterwards.
set -e
IM=/usr/bin/convert
S="-size 13x11 -depth 8"
ct() { echo "-define png:color-type=$1 -define png:bit-depth=$2"; }
$IM $S rgba:p.rgba $(ct 6 8) png-rgba8.png
$IM $S rgba:p.rgba -depth 16 $(ct 6 16) png-rgba16.png
$IM $S rgb:p.rgb $(ct 2 8) png-rgb8.png
$IM $S rgb:p.rgb -depth 16 $(ct 2 16) png-rgb16.png
$IM $S gray:p.gray $(ct 0 8) png-gray8.png
$IM $S gray:p.gray -depth 16 $(ct 0 16) png-gray16.png
for d in 1 2 4; do $IM $S gray:p.low$d $(ct 0 $d) png-gray$d.png; done
$IM $S rgba:p.graya $(ct 4 8) png-grayalpha8.png
$IM $S rgba:p.graya -depth 16 $(ct 4 16) png-grayalpha16.png
$IM $S rgb:p.pal40 $(ct 3 8) png-palette8.png
$IM $S rgba:p.rgba $(ct 6 8) -interlace PNG png-rgba8-adam7.png
$IM $S rgb:p.rgb -depth 16 $(ct 2 16) -interlace PNG png-rgb16-adam7.png
$IM $S gray:p.low1 $(ct 0 1) -interlace PNG png-gray1-adam7.png
$IM $S rgb:p.pal16 $(ct 3 4) -interlace PNG png-palette4-adam7.png
$IM $S rgb:p.rgb BMP3:bmp-rgb24.bmp
$IM $S rgba:p.rgba -define bmp:format=bmp4 BMP:bmp-rgba32.bmp
$IM $S rgb:p.pal40 -type Palette -compress none BMP3:bmp-palette8.bmp
