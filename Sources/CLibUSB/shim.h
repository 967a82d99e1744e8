#ifndef LIBRARYRFID_CLIBUSB_SHIM_H
#define LIBRARYRFID_CLIBUSB_SHIM_H
#include <libusb-1.0/libusb.h>
#endif
