sha256sum: FIPS 180-4's examples, a multi-block input, then -c.

  $ printf 'abc' | sha256sum
  ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -
  $ printf '' | sha256sum
  e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -
  $ printf 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq' > two && sha256sum two
  248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1  two
  $ dd if=/dev/zero bs=1000 count=1000 status=none | sha256sum
  d29751f2649b32ff572b5e0a9f541ea660a50f94ff0beedfb0b692b924cc8025  -
  $ sha256sum two > sums && sha256sum -c sums
  two: OK
  $ printf 'bogus\n' | sha256sum -c
  sha256sum: -: no properly formatted checksum lines found
  [1]
  $ sha256sum nope
  sha256sum: nope: No such file or directory
  [1]
  $ sha256sum -z
  sha256sum: invalid option -- 'z'
  usage: sha256sum [-bt] [FILE]... | sha256sum -c [-qs] [FILE]...
  [2]
