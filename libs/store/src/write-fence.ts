// A write that may have to stop between two of its commands. The engine writes its snapshot only
// while it can be sure it still owns the partitions the write is for (a lease from its Kafka
// commit); a replica paused in the middle of a write of many commands — a zombie — must not send
// the rest once it resumes, when the partitions may be another replica's. The stores call the
// fence before each command they send for such a write; it throws to stop the write there.
export type WriteFence = () => void;

/** The fence of a write that never stops. */
export const noFence: WriteFence = () => undefined;
