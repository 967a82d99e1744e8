/*
 * usbdevfs emulation for one or more fake USB readers on a umockdev testbed. Written for
 * LibraryRFID's USB transport tests; see CUMockdevHelper.h.
 *
 * umockdev's preload library sends every ioctl on an attached device node to the handler
 * below, on the testbed's worker thread. libusb drives transfers asynchronously: SUBMITURB,
 * then REAPURBNDELAY until the URB comes back, DISCARDURB on a timeout.
 */
#include "CUMockdevHelper.h"

#include <errno.h>
#include <sys/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <umockdev.h>

#define MAX_DEVICES 4

typedef struct {
    FakeUSBBed *bed;
    int bus;
    FakeUSBDeviceSpec spec;
    char *sysfs_path;
    UMockdevIoctlBase *handler;
    int unplugged;
    char *kernel_driver; /* bound driver name, NULL when none */
    GList *done;      /* UMockdevIoctlData* of URBs ready to reap */
    GList *pending_in;/* bulk IN URBs waiting for device data */
    GList *discarded; /* URBs cancelled by the host */
} FakeDevice;

struct FakeUSBBed {
    UMockdevTestbed *testbed;
    pthread_mutex_t lock;
    int count;
    FakeDevice devices[MAX_DEVICES];
};

int fake_usb_preload_active(void) {
    const char *preload = getenv("LD_PRELOAD");
    return preload != NULL && strstr(preload, "libumockdev-preload") != NULL;
}

FakeUSBBed *fake_usb_bed_new(void) {
    FakeUSBBed *bed = calloc(1, sizeof(FakeUSBBed));
    if (bed == NULL) return NULL;
    bed->testbed = umockdev_testbed_new();
    if (bed->testbed == NULL) {
        free(bed);
        return NULL;
    }
    pthread_mutex_init(&bed->lock, NULL);
    return bed;
}

/* ---- descriptors ---- */

static void put16(GString *s, uint16_t v) {
    g_string_append_printf(s, "%02x%02x", v & 0xFF, v >> 8);
}

/* Device, configuration, then optionally a HID interface (as readers with keyboard emulation
 * have), then the interface with a bulk IN and a bulk OUT endpoint, as hex. */
static gchar *descriptor_hex(const FakeUSBDeviceSpec *spec) {
    GString *s = g_string_new(NULL);
    int hid = spec->leading_hid != 0;
    g_string_append(s, "12010002000000");               /* bLength, DEVICE, USB 2.0, class 0/0/0 */
    g_string_append(s, "40");                           /* bMaxPacketSize0 */
    put16(s, spec->vendor_id);
    put16(s, spec->product_id);
    put16(s, spec->bcd_device);
    g_string_append(s, "01020301");                     /* iManufacturer 1, iProduct 2, iSerial 3, 1 config */
    g_string_append(s, "0902");                         /* CONFIGURATION */
    put16(s, (uint16_t)(9 + (hid ? 9 + 7 : 0) + 9 + 7 + 7));
    g_string_append_printf(s, "%02x" "0100" "80" "32", 1 + hid); /* interfaces, value 1, bus powered, 100 mA */
    if (hid) {
        g_string_append(s, "090400000103010100");       /* interface 0: HID boot keyboard, 1 endpoint */
        g_string_append(s, "07058303080008");           /* interrupt IN 0x83, 8 bytes, 8 ms */
    }
    g_string_append_printf(s, "0904%02x0002%02x0000" "00", hid, spec->interface_class);
    g_string_append_printf(s, "0705%02x02", spec->endpoint_in);
    put16(s, spec->max_packet);
    g_string_append(s, "00");
    g_string_append_printf(s, "0705%02x02", spec->endpoint_out);
    put16(s, spec->max_packet);
    g_string_append(s, "00");
    return g_string_free(s, FALSE);
}

/* String descriptor `index` (0: language list) into `out`; returns its length. */
static int string_descriptor(const FakeUSBDeviceSpec *spec, int index, uint8_t *out, int capacity) {
    uint8_t d[256];
    int len;
    if (index == 0) {
        d[0] = 4; d[1] = 3; d[2] = 0x09; d[3] = 0x04; /* en-US */
        len = 4;
    } else {
        const char *text = index == 1 ? spec->manufacturer : index == 2 ? spec->product : index == 3 ? spec->serial : NULL;
        if (text == NULL) return -1;
        size_t n = strlen(text);
        if (n > 126) n = 126;
        len = 2 + 2 * (int)n;
        d[0] = (uint8_t)len; d[1] = 3;
        for (size_t i = 0; i < n; i++) { d[2 + 2 * i] = (uint8_t)text[i]; d[3 + 2 * i] = 0; }
    }
    if (len > capacity) len = capacity;
    memcpy(out, d, (size_t)len);
    return len;
}

/* ---- ioctl handling (worker thread) ---- */

static void finish_urb(UMockdevIoctlData *urb_data, int status, int actual) {
    struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
    urb->status = status;
    urb->actual_length = actual;
}

static gboolean submit_urb(FakeDevice *dev, UMockdevIoctlClient *client, UMockdevIoctlData *arg) {
    UMockdevIoctlData *urb_data = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_urb), NULL);
    if (urb_data == NULL) { umockdev_ioctl_client_complete(client, -1, EFAULT); return TRUE; }
    struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
    int length = urb->buffer_length;
    UMockdevIoctlData *buffer = length > 0
        ? umockdev_ioctl_data_resolve(urb_data, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer), (gsize)length, NULL)
        : NULL;
    if (length > 0 && buffer == NULL) {
        g_object_unref(urb_data);
        umockdev_ioctl_client_complete(client, -1, EFAULT);
        return TRUE;
    }

    if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
        /* Only GET_DESCRIPTOR(string) is needed: libusb reads device descriptors from sysfs. */
        uint8_t *setup = buffer->data;
        int want = setup[6] | (setup[7] << 8);
        int answered = -1;
        if (length >= 8 && setup[0] == 0x80 && setup[1] == 0x06 && setup[3] == 0x03) {
            int room = length - 8 < want ? length - 8 : want;
            answered = string_descriptor(&dev->spec, setup[2], buffer->data + 8, room);
            if (answered > 0) memcpy((uint8_t *)urb->buffer + 8, buffer->data + 8, (size_t)answered);
        }
        if (answered < 0) finish_urb(urb_data, -EPIPE, 0); else finish_urb(urb_data, 0, answered);
        dev->done = g_list_append(dev->done, urb_data);
    } else if (urb->type == USBDEVFS_URB_TYPE_BULK && urb->endpoint == dev->spec.endpoint_out) {
        dev->spec.on_out(dev->spec.context, buffer ? buffer->data : NULL, (size_t)length);
        finish_urb(urb_data, 0, length);
        dev->done = g_list_append(dev->done, urb_data);
    } else if (urb->type == USBDEVFS_URB_TYPE_BULK && urb->endpoint == dev->spec.endpoint_in) {
        dev->pending_in = g_list_append(dev->pending_in, urb_data);
    } else {
        if (buffer) g_object_unref(buffer);
        g_object_unref(urb_data);
        umockdev_ioctl_client_complete(client, -1, ENOENT); /* no such endpoint */
        return TRUE;
    }
    if (buffer) g_object_unref(buffer);
    umockdev_ioctl_client_complete(client, 0, 0);
    return TRUE;
}

/* Hands a finished URB back to the reaping client; the list held the reference. */
static void hand_back(UMockdevIoctlClient *client, UMockdevIoctlData *arg, UMockdevIoctlData *urb_data) {
    UMockdevIoctlData *slot = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), NULL);
    umockdev_ioctl_data_set_ptr(slot, 0, urb_data);
    umockdev_ioctl_client_complete(client, 0, 0);
    g_object_unref(slot);
    g_object_unref(urb_data);
}

static gboolean reap_urb(FakeDevice *dev, UMockdevIoctlClient *client, UMockdevIoctlData *arg) {
    UMockdevIoctlData *urb_data = NULL;
    if (dev->discarded) {
        urb_data = dev->discarded->data;
        dev->discarded = g_list_delete_link(dev->discarded, dev->discarded);
        finish_urb(urb_data, -ENOENT, 0);
    } else if (dev->done) {
        urb_data = dev->done->data;
        dev->done = g_list_delete_link(dev->done, dev->done);
    } else if (dev->pending_in) {
        UMockdevIoctlData *candidate = dev->pending_in->data;
        struct usbdevfs_urb *urb = (struct usbdevfs_urb *)candidate->data;
        uint8_t scratch[4096];
        size_t room = (size_t)urb->buffer_length < sizeof scratch ? (size_t)urb->buffer_length : sizeof scratch;
        size_t n = dev->spec.on_in(dev->spec.context, scratch, room);
        if (n > 0) {
            /* Same process: the URB buffer is ours to fill directly. */
            memcpy(urb->buffer, scratch, n);
            finish_urb(candidate, 0, (int)n);
            dev->pending_in = g_list_delete_link(dev->pending_in, dev->pending_in);
            urb_data = candidate;
        }
    }
    if (urb_data == NULL) {
        umockdev_ioctl_client_complete(client, -1, EAGAIN);
        return TRUE;
    }
    hand_back(client, arg, urb_data);
    return TRUE;
}

static gint same_client_address(gconstpointer data, gconstpointer address) {
    return ((const UMockdevIoctlData *)data)->client_addr != (gulong)address;
}

static gboolean discard_urb(FakeDevice *dev, UMockdevIoctlClient *client, UMockdevIoctlData *arg) {
    gpointer address = *(gpointer *)arg->data;
    GList *found = g_list_find_custom(dev->pending_in, address, same_client_address);
    if (found == NULL) {
        umockdev_ioctl_client_complete(client, -1, EINVAL);
        return TRUE;
    }
    dev->discarded = g_list_append(dev->discarded, found->data);
    dev->pending_in = g_list_delete_link(dev->pending_in, found);
    umockdev_ioctl_client_complete(client, 0, 0);
    return TRUE;
}

/* Which kernel driver holds the interface; ENODATA when none (libusb then skips detaching). */
static void get_driver(FakeDevice *dev, UMockdevIoctlClient *client, UMockdevIoctlData *arg) {
    if (dev->kernel_driver == NULL) {
        umockdev_ioctl_client_complete(client, -1, ENODATA);
        return;
    }
    UMockdevIoctlData *data = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_getdriver), NULL);
    struct usbdevfs_getdriver *request = (struct usbdevfs_getdriver *)data->data;
    snprintf(request->driver, sizeof request->driver, "%s", dev->kernel_driver);
    umockdev_ioctl_client_complete(client, 0, 0);
    g_object_unref(data);
}

/* USBDEVFS_IOCTL carrying USBDEVFS_DISCONNECT: the kernel driver lets go of the interface. */
static void driver_ioctl(FakeDevice *dev, UMockdevIoctlClient *client, UMockdevIoctlData *arg) {
    UMockdevIoctlData *data = umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_ioctl), NULL);
    struct usbdevfs_ioctl *command = (struct usbdevfs_ioctl *)data->data;
    if (command->ioctl_code == (int)USBDEVFS_DISCONNECT) {
        if (dev->kernel_driver == NULL) {
            umockdev_ioctl_client_complete(client, -1, ENODATA);
        } else {
            g_free(dev->kernel_driver);
            dev->kernel_driver = NULL;
            umockdev_ioctl_client_complete(client, 0, 0);
        }
    } else {
        umockdev_ioctl_client_complete(client, -1, ENOTTY);
    }
    g_object_unref(data);
}

static gboolean handle_ioctl(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, gpointer user_data) {
    (void)handler;
    FakeDevice *dev = user_data;
    gulong request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
    gboolean handled = TRUE;

    pthread_mutex_lock(&dev->bed->lock);
    if (dev->unplugged) {
        umockdev_ioctl_client_complete(client, -1, ENODEV);
    } else if (request == USBDEVFS_GET_CAPABILITIES) {
        UMockdevIoctlData *caps = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), NULL);
        *(guint32 *)caps->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                                 USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
        umockdev_ioctl_client_complete(client, 0, 0);
        g_object_unref(caps);
    } else if (request == USBDEVFS_CLAIMINTERFACE || request == USBDEVFS_RELEASEINTERFACE ||
               request == USBDEVFS_CLEAR_HALT || request == USBDEVFS_RESET || request == USBDEVFS_RESETEP ||
               request == USBDEVFS_SETINTERFACE || request == USBDEVFS_SETCONFIGURATION) {
        umockdev_ioctl_client_complete(client, 0, 0);
    } else if (request == USBDEVFS_GETDRIVER) {
        get_driver(dev, client, arg);
    } else if (request == USBDEVFS_IOCTL) {
        driver_ioctl(dev, client, arg);
    } else if (request == USBDEVFS_SUBMITURB) {
        submit_urb(dev, client, arg);
    } else if (request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY) {
        reap_urb(dev, client, arg);
    } else if (request == USBDEVFS_DISCARDURB) {
        discard_urb(dev, client, arg);
    } else {
        umockdev_ioctl_client_complete(client, -1, ENOTTY);
    }
    pthread_mutex_unlock(&dev->bed->lock);
    return handled;
}

/* ---- devices ---- */

int fake_usb_bed_add(FakeUSBBed *bed, const FakeUSBDeviceSpec *spec, char *error, size_t error_len) {
    if (bed->count >= MAX_DEVICES) {
        snprintf(error, error_len, "at most %d fake USB devices", MAX_DEVICES);
        return -1;
    }
    int bus = bed->count + 1;
    FakeDevice *dev = &bed->devices[bed->count];
    memset(dev, 0, sizeof *dev);
    dev->bed = bed;
    dev->bus = bus;
    dev->spec = *spec;
    /* The caller's strings may be temporaries. */
    dev->spec.manufacturer = g_strdup(spec->manufacturer ? spec->manufacturer : "");
    dev->spec.product = g_strdup(spec->product ? spec->product : "");
    dev->spec.serial = g_strdup(spec->serial ? spec->serial : "");
    dev->kernel_driver = spec->kernel_driver ? g_strdup(spec->kernel_driver) : NULL;
    dev->spec.kernel_driver = NULL;
    dev->handler = umockdev_ioctl_base_new();
    g_signal_connect(dev->handler, "handle-ioctl", G_CALLBACK(handle_ioctl), dev);

    gchar *node = g_strdup_printf("/dev/bus/usb/%03d/001", bus);
    GError *gerror = NULL;
    /* The handler must be attached before the device appears, or an early open misses it. */
    if (!umockdev_testbed_attach_ioctl(bed->testbed, node, dev->handler, &gerror)) {
        snprintf(error, error_len, "attach_ioctl %s: %s", node, gerror ? gerror->message : "failed");
        g_clear_error(&gerror);
        g_free(node);
        return -1;
    }
    gchar *descriptors = descriptor_hex(spec);
    gchar *record = g_strdup_printf(
        "P: /devices/usb%d\n"
        "N: bus/usb/%03d/001\n"
        "E: SUBSYSTEM=usb\nE: DRIVER=usb\nE: DEVTYPE=usb_device\n"
        "E: BUSNUM=%03d\nE: DEVNUM=001\nE: DEVNAME=/dev/%s\n"
        "E: ID_VENDOR_ID=%04x\nE: ID_MODEL_ID=%04x\nE: ID_SERIAL_SHORT=%s\n"
        "A: busnum=%d\\n\nA: devnum=1\\n\nA: bConfigurationValue=1\\n\nA: speed=12\\n\n"
        "A: idVendor=%04x\\n\nA: idProduct=%04x\\n\nA: serial=%s\\n\nA: product=%s\\n\nA: manufacturer=%s\\n\n"
        "H: descriptors=%s\n",
        bus, bus, bus, node + 5, spec->vendor_id, spec->product_id, dev->spec.serial, bus,
        spec->vendor_id, spec->product_id, dev->spec.serial, dev->spec.product, dev->spec.manufacturer, descriptors);
    gboolean ok = umockdev_testbed_add_from_string(bed->testbed, record, &gerror);
    g_free(record);
    g_free(descriptors);
    g_free(node);
    if (!ok) {
        snprintf(error, error_len, "add_from_string: %s", gerror ? gerror->message : "failed");
        g_clear_error(&gerror);
        return -1;
    }
    dev->sysfs_path = g_strdup_printf("/sys/devices/usb%d", bus);
    bed->count += 1;
    return bus;
}

const char *fake_usb_bed_kernel_driver(FakeUSBBed *bed, int bus) {
    if (bus < 1 || bus > bed->count) return NULL;
    pthread_mutex_lock(&bed->lock);
    const char *name = bed->devices[bus - 1].kernel_driver;
    pthread_mutex_unlock(&bed->lock);
    return name;
}

void fake_usb_bed_unplug(FakeUSBBed *bed, int bus) {
    if (bus < 1 || bus > bed->count) return;
    FakeDevice *dev = &bed->devices[bus - 1];
    pthread_mutex_lock(&bed->lock);
    dev->unplugged = 1;
    pthread_mutex_unlock(&bed->lock);
    umockdev_testbed_uevent(bed->testbed, dev->sysfs_path, "remove");
    umockdev_testbed_remove_device(bed->testbed, dev->sysfs_path);
}

static void drop_list(GList *list) { g_list_free_full(list, g_object_unref); }

void fake_usb_bed_free(FakeUSBBed *bed) {
    if (bed == NULL) return;
    for (int i = 0; i < bed->count; i++) {
        FakeDevice *dev = &bed->devices[i];
        gchar *node = g_strdup_printf("/dev/bus/usb/%03d/001", dev->bus);
        umockdev_testbed_detach_ioctl(bed->testbed, node, NULL);
        g_free(node);
    }
    g_object_unref(bed->testbed);
    for (int i = 0; i < bed->count; i++) {
        FakeDevice *dev = &bed->devices[i];
        drop_list(dev->done);
        drop_list(dev->pending_in);
        drop_list(dev->discarded);
        g_object_unref(dev->handler);
        g_free(dev->sysfs_path);
        g_free((gchar *)dev->spec.manufacturer);
        g_free((gchar *)dev->spec.product);
        g_free((gchar *)dev->spec.serial);
        g_free(dev->kernel_driver);
    }
    pthread_mutex_destroy(&bed->lock);
    free(bed);
}
