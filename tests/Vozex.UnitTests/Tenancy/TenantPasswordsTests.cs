using System.Buffers.Binary;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Modules.Tenancy.Provisioning;

namespace Vozex.UnitTests.Tenancy;

public sealed class TenantPasswordsTests
{
    private static TenantUser User() => new() { Username = "admin", DisplayName = "Admin", Role = "admin", PasswordHash = "", SecurityStamp = "s" };

    /// <summary>Identity v3 hashes: format marker, PRF, iteration count (big-endian) ...</summary>
    private static int Iterations(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    [Fact]
    public void A_generated_temporary_password_is_hashed_lightly_and_still_verifies()
    {
        var user = User();
        var password = TenantPasswords.NewTemporary();
        user.PasswordHash = TenantPasswords.HashGenerated(user, password);

        Assert.Equal(1_000, Iterations(user.PasswordHash));
        Assert.True(TenantPasswords.Verify(user, password));
        Assert.False(TenantPasswords.Verify(user, password.ToUpperInvariant() == password ? password.ToLowerInvariant() : password.ToUpperInvariant()));
        Assert.DoesNotContain(password, user.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_a_person_chooses_is_hashed_at_the_full_iteration_count()
    {
        var user = User();
        user.PasswordHash = TenantPasswords.Hash(user, "correct-horse-42");

        Assert.True(Iterations(user.PasswordHash) >= 100_000);
        Assert.True(TenantPasswords.Verify(user, "correct-horse-42"));
    }

    [Fact]
    public void Temporary_passwords_carry_at_least_128_random_bits_in_a_typeable_grouped_form()
    {
        var password = TenantPasswords.NewTemporary();

        Assert.Matches("^[a-zA-Z2-9]{6}(-[a-zA-Z2-9]{6}){3}$", password);
        Assert.True(TenantPasswords.TemporaryLength * Math.Log2(56) >= 128);
        Assert.NotEqual(password, TenantPasswords.NewTemporary());
    }
}
