import { describe, expect, it } from "vitest";
import { addressAllowed, classifyAddress } from "@rollgate/core/target";

describe("webhook address classes", () => {
  const always = [
    "169.254.169.254", "169.254.0.1", "100.100.100.200", "168.63.129.16", "192.0.0.192", "0.0.0.0", "0.1.2.3",
    "224.0.0.1", "255.255.255.255", "240.0.0.1",
    "fd00:ec2::254", "FD00:EC2:0:0:0:0:0:254", "fe80::1", "febf::1", "::", "ff02::1", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe",
    "::169.254.169.254", "::ffff:0:169.254.169.254", "64:ff9b::169.254.169.254", "2002:a9fe:a9fe::1", "2001:0:4136:e378::1",
    "fe80::1%eth0", "[fe80::1]", "not-an-ip", "::ffff:0.0.0.0",
  ];
  it.each(always)("%s is always refused", (address) => {
    const verdict = classifyAddress(address);
    expect(verdict.class).toBe("refused");
    expect(addressAllowed(verdict, true)).toBe(false);
  });

  const privateOnes = [
    "127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1", "100.127.255.255", "198.18.0.1",
    "::1", "[::1]", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::10.0.0.1", "2002:0a00:0001::1", "fec0::1",
  ];
  it.each(privateOnes)("%s needs allowPrivateNetwork", (address) => {
    const verdict = classifyAddress(address);
    expect(verdict.class).toBe("private");
    expect(addressAllowed(verdict, false)).toBe(false);
    expect(addressAllowed(verdict, true)).toBe(true);
  });

  const publicOnes = ["8.8.8.8", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8"];
  it.each(publicOnes)("%s is public", (address) => {
    expect(classifyAddress(address).class).toBe("public");
    expect(addressAllowed(classifyAddress(address), false)).toBe(true);
  });
});
