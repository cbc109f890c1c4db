#ifndef PINGYI_CQRENCODE_SHIM_H
#define PINGYI_CQRENCODE_SHIM_H

// libqrencode, from Debian's libqrencode-dev: the QR codes of the printed letters (PingyiQR).
#include <qrencode.h>

#endif
