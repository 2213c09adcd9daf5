// libpcap, for the PacketCapture module only (Debian: libpcap-dev).
#include <pcap/pcap.h>
