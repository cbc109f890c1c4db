#ifndef PINGYI_CXLSXWRITER_SHIM_H
#define PINGYI_CXLSXWRITER_SHIM_H

// libxlsxwriter, from Debian's libxlsxwriter-dev: the .xlsx exports (PingyiXLSX).
#include <xlsxwriter.h>

#endif
