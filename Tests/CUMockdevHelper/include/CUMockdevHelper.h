#ifndef LIBRARYRFID_CUMOCKDEV_HELPER_H
#define LIBRARYRFID_CUMOCKDEV_HELPER_H

/*
 * A USB reader on a umockdev testbed, for tests: the testbed process answers the usbdevfs
 * ioctls libusb sends (claim, control, bulk URB submit/reap/discard) and hands bulk OUT
 * payloads to a callback (the reader's protocol emulator) and bulk IN requests to another.
 * Works only when the process runs with libumockdev-preload (umockdev-wrapper).
 */

#include <stddef.h>
#include <stdint.h>

typedef struct FakeUSBBed FakeUSBBed;

/* Bytes the host wrote to the bulk OUT endpoint. */
typedef void (*fake_usb_out_fn)(void *context, const uint8_t *bytes, size_t count);
/* Fill up to `capacity` bytes the device has for bulk IN; return how many (0: nothing yet). */
typedef size_t (*fake_usb_in_fn)(void *context, uint8_t *buffer, size_t capacity);

typedef struct {
    uint16_t vendor_id;
    uint16_t product_id;
    uint16_t bcd_device;
    const char *manufacturer;
    const char *product;
    const char *serial;
    uint8_t interface_class; /* 0xFF vendor specific, 0x0B CCID */
    uint8_t endpoint_in;     /* e.g. 0x81 */
    uint8_t endpoint_out;    /* e.g. 0x02 */
    uint16_t max_packet;     /* 64 for full speed */
    int leading_hid;         /* nonzero: a HID interface (interrupt IN 0x83) comes first */
    const char *kernel_driver; /* NULL: none bound; e.g. "usbhid" to test detaching */
    fake_usb_out_fn on_out;
    fake_usb_in_fn on_in;
    void *context;
} FakeUSBDeviceSpec;

/* True when libumockdev-preload is loaded into this process (LD_PRELOAD). */
int fake_usb_preload_active(void);

FakeUSBBed *fake_usb_bed_new(void);
/* Adds a device on its own bus; returns its bus number (1, 2...) or -1 with `error` filled. */
int fake_usb_bed_add(FakeUSBBed *bed, const FakeUSBDeviceSpec *spec, char *error, size_t error_len);
/* The kernel driver still bound to the device's interface 0, or NULL once detached. */
const char *fake_usb_bed_kernel_driver(FakeUSBBed *bed, int bus);
/* Unplugs the device on `bus`: every later ioctl on it fails with ENODEV, as on real hardware. */
void fake_usb_bed_unplug(FakeUSBBed *bed, int bus);
void fake_usb_bed_free(FakeUSBBed *bed);

#endif
