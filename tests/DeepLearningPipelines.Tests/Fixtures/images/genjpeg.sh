#!/bin/sh
# JPEG fixtures (ImageMagick 6.9.11 with libjpeg-turbo 2.1.5) and their decodes by ImageMagick as PNG references.
set -e
IM=/usr/bin/convert
SRC=../../../../../shared/models/images/chelsea.png
$IM \( -size 16x8 xc:'rgb(255,0,0)' xc:'rgb(0,255,0)' +append \) \( -size 16x8 xc:'rgb(0,0,255)' xc:'rgb(255,255,255)' +append \) -append \
    -quality 95 -sampling-factor 1x1 jpeg-quadrants.jpg
$IM $SRC -crop 120x80+170+60 +repage -quality 90 -sampling-factor 2x2 jpeg-chelsea.jpg
$IM jpeg-chelsea.jpg png-ref-chelsea.png
$IM -define jpeg:size=60x40 jpeg-chelsea.jpg png-ref-chelsea-half.png
$IM -define jpeg:size=15x10 jpeg-chelsea.jpg png-ref-chelsea-eighth.png
$IM jpeg-chelsea.jpg -interlace JPEG jpeg-chelsea-progressive.jpg
$IM jpeg-chelsea.jpg -colorspace Gray -quality 90 jpeg-chelsea-gray.jpg
$IM jpeg-chelsea-gray.jpg png-ref-chelsea-gray.png
$IM jpeg-chelsea.jpg -colorspace CMYK -quality 95 jpeg-chelsea-cmyk.jpg
$IM jpeg-chelsea-cmyk.jpg -colorspace sRGB png-ref-chelsea-cmyk.png
$IM jpeg-chelsea-progressive.jpg png-ref-chelsea-progressive.png
