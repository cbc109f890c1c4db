#ifndef PINGYI_CLIBCRYPTO_SHIM_H
#define PINGYI_CLIBCRYPTO_SHIM_H

// OpenSSL 3's libcrypto, from Debian's libssl-dev: the P-256 point and scalar arithmetic of the
// count no single office can read (PingyiTally). Nothing else of OpenSSL is used.
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#endif
