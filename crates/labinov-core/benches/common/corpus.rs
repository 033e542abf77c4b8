//! Realistic Indonesian text for the benchmarks: words of Debian's `hunspell-id` word list
//! drawn with a natural (Zipf) frequency by a seeded generator, so the same seed gives the
//! same corpus on every machine and nothing generated is committed.
//!
//! The word list is alphabetical, not ranked by use; a seeded shuffle gives each word its
//! rank, and word `r` is drawn with probability proportional to `1 / r` (Zipf's law with
//! exponent 1, as in natural prose): a few words are everywhere, most are rare.

use std::path::PathBuf;

/// Where the word list is (`LABINOV_BENCH_WORDS` overrides the Debian path).
pub fn word_list_path() -> PathBuf {
    std::env::var_os("LABINOV_BENCH_WORDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/hunspell/id_ID.dic"))
}

/// A seeded xorshift generator: the benchmarks' only source of randomness.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Indonesian words with Zipf frequencies.
pub struct Corpus {
    words: Vec<String>,
    /// Cumulative weights of the words in rank order, ending at 1.
    cumulative: Vec<f64>,
    pub rng: Rng,
}

impl Corpus {
    /// The word list's plain words (affix flags cut off; only lowercase letters, three or
    /// more), ranked by a shuffle seeded with `seed`.
    pub fn indonesian(seed: u64) -> Corpus {
        let path = word_list_path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "the realistic corpus needs the Indonesian word list {} ({e}): \
                 install Debian's hunspell-id (make deps does) or set LABINOV_BENCH_WORDS",
                path.display()
            )
        });
        let mut words: Vec<String> = text
            .lines()
            .skip(1) // the entry count
            .map(|l| l.split('/').next().unwrap_or(""))
            .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
            .map(str::to_owned)
            .collect();
        assert!(
            words.len() > 1_000,
            "{} holds too few words",
            path.display()
        );
        let mut rng = Rng::new(seed);
        for i in (1..words.len()).rev() {
            words.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let total: f64 = (1..=words.len()).map(|r| 1.0 / r as f64).sum();
        let mut acc = 0.0;
        let cumulative = (1..=words.len())
            .map(|r| {
                acc += 1.0 / r as f64 / total;
                acc
            })
            .collect();
        Corpus {
            words,
            cumulative,
            rng,
        }
    }

    /// How many distinct words can be drawn.
    pub fn vocabulary(&self) -> usize {
        self.words.len()
    }

    /// One word, drawn by its Zipf frequency.
    pub fn word(&mut self) -> &str {
        let u = self.rng.unit();
        let rank = self.cumulative.partition_point(|&c| c < u);
        &self.words[rank.min(self.words.len() - 1)]
    }

    /// `lo..=hi` words separated by spaces.
    pub fn words(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.between(lo, hi);
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            let w = self.word().to_owned();
            out.push_str(&w);
        }
        out
    }

    /// A sentence of `lo..=hi` words, capitalised, with a full stop.
    pub fn sentence(&mut self, lo: usize, hi: usize) -> String {
        let mut s = self.words(lo, hi);
        if let Some(first) = s.get(..1) {
            let upper = first.to_uppercase();
            s.replace_range(..1, &upper);
        }
        s.push('.');
        s
    }
}
