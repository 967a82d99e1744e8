#ifndef LIBRARYRFID_CUMOCKDEV_SHIM_H
#define LIBRARYRFID_CUMOCKDEV_SHIM_H
#include <umockdev.h>
#endif
